// Prediction latency of VeriDistill (shipped checkpoint, Verilog text in, area and delay out)
// next to the time Yosys + ABC takes to synthesize the same designs onto Nangate45 with the flow
// that labelled the training data (native yosys when installed, else the embedded wasm build; no cache).
import { hasNativeYosys, readLiberty } from '../eda/synth/index.ts';
import { selectBackend } from '../models/common/index.ts';
import { VeriDistill, designText, firstModuleName, shippedCheckpointDir, synthesizeQor } from '../models/qor/veridistill/index.ts';
import { dataPath } from '../util/index.ts';
import { bestTime, printComparison } from './compare.ts';

const files = ['itc99/rtl_verilog/b03.v', 'itc99/rtl_verilog/b10.v', 'itc99/rtl_verilog/b12.v', 'rtl/alexforencich_verilog_uart/uart_tx.v', 'rtl/trustworthycomputing_small/crc32.v'];
const designs = files.map((f) => {
  const text = designText({ files: [dataPath(f)] });
  return { name: f.split('/').pop()!, text, top: firstModuleName(text)! };
});

await selectBackend();
const model = VeriDistill.load(shippedCheckpointDir());
model.predict(designs[0].text); // warm-up: the wasm kernels compile on first use
const predictSeconds = await bestTime(3, () => designs.forEach((d) => model.predict(d.text)));

const backend = (await hasNativeYosys()) ? 'native' : 'wasm';
const liberty = readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'));
let synthSeconds = 0;
for (const d of designs) synthSeconds += (await synthesizeQor({ [d.name]: d.text }, d.top, liberty, backend, false)).seconds;

console.log(`${designs.length} designs (${designs.map((d) => d.name).join(', ')}); prediction best of 3; Yosys ${backend} once each, no cache`);
console.log(`per design: prediction ${((predictSeconds / designs.length) * 1000).toFixed(1)} ms, synthesis ${(synthSeconds / designs.length).toFixed(2)} s`);
printComparison('QoR estimate latency (VeriDistill vs Yosys+ABC synthesis)', 's', predictSeconds, `yosys ${backend}`, synthSeconds, false);
model.dispose();
