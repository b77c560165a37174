`define CORPUS_WIDTH 8
`define CORPUS_ADD(a, b) ((a) + (b))
