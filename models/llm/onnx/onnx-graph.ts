/**
 * ONNX messages (onnx.proto field numbers) and a small graph builder on top of protobuf.ts.
 */
import type { Field, Message } from './protobuf.ts';

export const FLOAT = 1;
export const INT64 = 7;

type Attribute = readonly [string, number] | readonly [string, number[]] | readonly [string, 'float', number];

function attribute(a: Attribute): Message {
  if (a.length === 3) return [[1, 'bytes', a[0]], [2, 'float', a[2]], [20, 'varint', 1]];
  const [name, v] = a;
  if (Array.isArray(v)) return [[1, 'bytes', name], ...v.map((x): Field => [8, 'varint', x]), [20, 'varint', 7]];
  return [[1, 'bytes', name], [3, 'varint', v as number], [20, 'varint', 2]];
}

/** A value's type: element type and shape (numbers, or names of dynamic dimensions). */
function valueInfo(name: string, elem: number, shape: readonly (number | string)[]): Message {
  const dims: Field[] = shape.map((d) => [1, 'message', [typeof d === 'number' ? [1, 'varint', d] : [2, 'bytes', d]]]);
  return [[1, 'bytes', name], [2, 'message', [[1, 'message', [[1, 'varint', elem], [2, 'message', dims]]]]]];
}

export class OnnxGraph {
  private readonly nodes: Message[] = [];
  private readonly initializers: Message[] = [];
  private readonly inputs: Message[] = [];
  private readonly outputs: Message[] = [];
  private readonly constants = new Set<string>();
  private next = 0;

  /** A float32 or int64 constant tensor (once per name: a later call with the same name reuses it); returns its name. */
  constant(name: string, dims: readonly number[], data: Float32Array | BigInt64Array): string {
    if (this.constants.has(name)) return name;
    this.constants.add(name);
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push([...dims.map((d): Field => [1, 'varint', d]), [2, 'varint', data instanceof Float32Array ? FLOAT : INT64], [8, 'bytes', name], [9, 'bytes', raw]]);
    return name;
  }

  input(name: string, elem: number, shape: readonly (number | string)[]): string {
    this.inputs.push(valueInfo(name, elem, shape));
    return name;
  }

  output(name: string, elem: number, shape: readonly (number | string)[]): void {
    this.outputs.push(valueInfo(name, elem, shape));
  }

  /** Adds a node; returns its output's name (`out` or a fresh one). */
  op(type: string, inputs: readonly string[], attrs: readonly Attribute[] = [], out?: string): string {
    const o = out ?? `t${this.next++}`;
    this.nodes.push([...inputs.map((i): Field => [1, 'bytes', i]), [2, 'bytes', o], [3, 'bytes', `n${this.nodes.length}`], [4, 'bytes', type], ...attrs.map((a): Field => [5, 'message', attribute(a)])]);
    return o;
  }

  /** Like `op` for a node with several outputs. */
  opMulti(type: string, inputs: readonly string[], outputs: number, attrs: readonly Attribute[] = []): string[] {
    const outs = Array.from({ length: outputs }, () => `t${this.next++}`);
    this.nodes.push([...inputs.map((i): Field => [1, 'bytes', i]), ...outs.map((o): Field => [2, 'bytes', o]), [3, 'bytes', `n${this.nodes.length}`], [4, 'bytes', type], ...attrs.map((a): Field => [5, 'message', attribute(a)])]);
    return outs;
  }

  /** The ModelProto (IR version 8, the default opset at `opset`). */
  model(name: string, opset: number): Message {
    const graph: Field[] = [
      ...this.nodes.map((n): Field => [1, 'message', n]), [2, 'bytes', name],
      ...this.initializers.map((t): Field => [5, 'message', t]),
      ...this.inputs.map((v): Field => [11, 'message', v]), ...this.outputs.map((v): Field => [12, 'message', v]),
    ];
    return [[1, 'varint', 8], [2, 'bytes', 'tessera'], [7, 'message', graph], [8, 'message', [[1, 'bytes', ''], [2, 'varint', opset]]]];
  }
}
