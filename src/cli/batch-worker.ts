/**
 * A worker thread of a batch (batch.ts starts it from the compiled dist/cli/batch-worker.js): it
 * scores the files it is sent, one at a time, writes their outputs itself, and posts back only each
 * file's small result. Output names are reserved with the command's thread, which knows every name
 * the run has taken.
 */
// First: exceljs is loaded without its streams before any module asks for it.
import './exceljs-without-streams';
import { parentPort, workerData } from 'node:worker_threads';
import { oneAtATime, scoreBatchFile, type BatchJob, type BatchSettings, type FileResult } from './batch-file';

export type ToWorker = { type: 'job'; job: BatchJob } | { type: 'claimed'; id: number; files: string[] };
export type FromWorker = { type: 'done'; result: FileResult } | { type: 'claim'; id: number; files: string[] };

const port = parentPort;
if (port) {
  const settings = workerData as BatchSettings;
  const inTurn = oneAtATime();
  const waiting = new Map<number, (files: string[]) => void>();
  let claims = 0;
  const post = (message: FromWorker) => port.postMessage(message);
  const claim = (files: string[]) =>
    new Promise<string[]>((resolve) => {
      const id = ++claims;
      waiting.set(id, resolve);
      post({ type: 'claim', id, files });
    });
  port.on('message', (message: ToWorker) => {
    if (message.type === 'claimed') {
      waiting.get(message.id)?.(message.files);
      waiting.delete(message.id);
      return;
    }
    void scoreBatchFile(message.job, settings, claim, inTurn).then((result) => post({ type: 'done', result }));
  });
}
