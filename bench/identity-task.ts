// A task that hands its input back: the worker-thread round trip the queue bench compares with.
export default function identity(input: unknown): unknown {
  return input;
}
