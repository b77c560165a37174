// construct: tabs, form feeds and blank lines as white space
// section: IEEE 1364-2005 3.2
// expect: valid
module	whitespace	(input	a,	output	y);

	assign	y	=	a;
endmodule
