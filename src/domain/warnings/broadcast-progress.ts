// The figures of a running broadcast, as its sender's progress message shows them.

/** How many recipients of a broadcast are where. */
export interface DeliveryCounts {
  /** Delivered (Telegram answered with the message). */
  sent: number
  /** The run died while the message was on its way: probably delivered, never sent again. */
  unconfirmed: number
  /** The recipient blocked the bot: marked unreachable and skipped by later broadcasts. */
  blocked: number
  /** Telegram refused the message, or it failed every attempt. */
  failed: number
  /** Not sent yet (pending or claimed by a run). */
  left: number
}

export interface BroadcastProgress extends DeliveryCounts {
  total: number
  /** Messages per second since this run of the broadcast started; null before it sent anything. */
  rate: number | null
  /** When the rest will have been sent at that rate; null when unknown or nothing is left. */
  expectedEnd: Date | null
}

/** Where a run of a broadcast began: when, and how many recipients were done by then (an earlier run's). */
export interface RunStart {
  startedAt: Date
  doneBefore: number
}

/** How many recipients are done (sent, unconfirmed, blocked or failed). */
export function doneCount(counts: DeliveryCounts): number {
  return counts.sent + counts.unconfirmed + counts.blocked + counts.failed
}

/** The progress of a broadcast as of `now`, its rate measured over the current run. */
export function broadcastProgress(counts: DeliveryCounts, run: RunStart, now: Date): BroadcastProgress {
  const done = doneCount(counts)
  const total = done + counts.left
  const seconds = (now.getTime() - run.startedAt.getTime()) / 1000
  const doneInRun = done - run.doneBefore
  const rate = doneInRun > 0 && seconds > 0 ? doneInRun / seconds : null
  const expectedEnd = rate && counts.left > 0 ? new Date(now.getTime() + (counts.left / rate) * 1000) : null
  return { ...counts, total, rate, expectedEnd }
}

/** A progress message is edited at most this often (an edit takes a slot of the sender's chat and the bot's budget). */
export const PROGRESS_EDIT_INTERVAL_MS = 3000
