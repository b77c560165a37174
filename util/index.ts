// The shared plumbing every area may import (it imports nothing of the project).
export { UserError, isUserError, formatWhere, type SourceLocation } from './user-error.ts';
export { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';
export { readTextFile } from './read-text-file.ts';
export { dataDir, dataPath, dataPathOr, missingData, projectRoot } from './data-path.ts';
export { ProgressBar, formatSeconds } from './progress.ts';
export { ContentCache, cacheDir, contentHash, stableJson } from './content-cache.ts';
export { WorkerPool, WorkerTaskError, WorkerTimeoutError, type RunOptions } from './worker-pool.ts';
export { trackChild, killChild, stopTrackedChildren, type TrackOptions } from './child-processes.ts';
export { seededRandom, seededUint32 } from './seeded-random.ts';
export { pausePoint, pausePointAsync } from './pause-point.ts';
export { startTimeLimit, type TimeLimit } from './time-limit.ts';
export { Interrupted, cachedWorkNote, currentInterruptNote, exitCodeOf, isInterrupted, setInterruptNote, stopFlag, withStopSignal, yieldToEventLoop, type StopFlag, type StopSignal } from './stop-signal.ts';
