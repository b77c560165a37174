// The stop flag lives in util (training loops in models/ use it too); commands keep importing it here.
export { withStopSignal } from '../util/index.ts';
