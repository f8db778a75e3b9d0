// A stream of real writes through lib/, for the SIGKILL test
// (tests/audit/crash-recovery.test.ts), which kills this process at a random
// moment. Run as
//   DATABASE_URL=... node --conditions=react-server --import tsx tests/audit/support/write-stream.ts '<config JSON>'
// (plain node, not the tsx CLI: that would run the script in a child process
// that a SIGKILL to the CLI does not reach).
//
// Output, one JSON line each, written synchronously (stdout is a pipe):
//   {"type":"ready"}                       setup done, writes start now
//   {"type":"start", ...}                  a write is about to begin
//   {"type":"committed", ...}              its transaction has committed
// A "committed" line is printed only after the transaction resolved, so
// everything reported must be in the database, however the process dies.
import { writeSync } from 'node:fs';
import type { Actor } from '@/lib/auth/session-user';
import { addComment } from '@/lib/comments/add-comment';
import { db } from '@/lib/db';
import { updateMeasureValue } from '@/lib/measures/update-measure-value';
import { updateProgress } from '@/lib/actions/update-progress';

export type WriteStreamConfig = {
  round: number;
  actor: Actor;
  /** One writer loop per recommendation, with its one action and that action's measure: the loops never conflict with each other. */
  targets: { recommendationId: string; actionId: string; measureId: string }[];
};

export type WriteLine =
  | { type: 'ready' }
  | { type: 'start'; loop: number; seq: number }
  | { type: 'committed'; op: 'progress'; loop: number; seq: number; actionId: string; version: number; note: string }
  | { type: 'committed'; op: 'measure'; loop: number; seq: number; measureId: string; version: number; value: number; note: string }
  | { type: 'committed'; op: 'comment'; loop: number; seq: number; recommendationId: string; commentId: string; body: string };

const config = JSON.parse(process.argv[2] ?? '') as WriteStreamConfig;
const emit = (line: WriteLine) => writeSync(1, `${JSON.stringify(line)}\n`);

type Target = WriteStreamConfig['targets'][number];

/** Where a loop starts: what is in the database (an earlier run may have committed a write it never reported). */
async function startingPoint(target: Target) {
  const action = await db.action.findUniqueOrThrow({ where: { id: target.actionId }, select: { version: true, status: true } });
  const measure = await db.measure.findUniqueOrThrow({ where: { id: target.measureId }, select: { version: true, currentValue: true } });
  return { ...target, status: action.status, actionVersion: action.version, measureVersion: measure.version, value: measure.currentValue.toNumber() };
}

async function loop(index: number, state: Awaited<ReturnType<typeof startingPoint>>) {
  for (let seq = 0; ; seq++) {
    const tag = `round ${config.round}, loop ${index}, write ${seq}`;
    emit({ type: 'start', loop: index, seq });
    switch (seq % 3) {
      case 0: {
        const note = `Progress: ${tag}`;
        const { version } = await updateProgress(config.actor, {
          actionId: state.actionId,
          version: state.actionVersion,
          status: state.status,
          note,
        });
        state.actionVersion = version;
        emit({ type: 'committed', op: 'progress', loop: index, seq, actionId: state.actionId, version, note });
        break;
      }
      case 1: {
        const note = `Measured: ${tag}`;
        state.value += 1;
        const { version } = await updateMeasureValue(config.actor, { measureId: state.measureId, version: state.measureVersion, currentValue: state.value, note });
        state.measureVersion = version;
        emit({ type: 'committed', op: 'measure', loop: index, seq, measureId: state.measureId, version, value: state.value, note });
        break;
      }
      default: {
        const body = `Comment: ${tag}`;
        const { commentId } = await addComment(config.actor, { recommendationId: state.recommendationId, body });
        emit({ type: 'committed', op: 'comment', loop: index, seq, recommendationId: state.recommendationId, commentId, body });
      }
    }
  }
}

try {
  const states = await Promise.all(config.targets.map(startingPoint));
  emit({ type: 'ready' });
  await Promise.all(states.map((state, i) => loop(i, state)));
} catch (error) {
  process.stderr.write(`write-stream failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
}
