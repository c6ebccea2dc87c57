import type { ChatPacer, SlotResult } from './chat-pacer.ts'
import { DELIVERY_PRIORITY, type DeliveryPriority } from './delivery-priority.ts'
import { currentSendScope } from './send-scope.ts'

interface Waiter {
  chatId: number | bigint
  priority: DeliveryPriority
  resolve(result: SlotResult): void
  reject(error: unknown): void
}

/**
 * The pacer as the sender uses it within one process. A message refused by the bot's overall limit does not
 * bounce back to the queue (that cost a job fetch per refusal and, with BullMQ's limiter, the next window's
 * budget): it waits here, in priority order (a new card first), and the first waiter takes the next slot the
 * moment the window frees it. Only a chat that may not receive a message yet is answered with a refusal, so that
 * the job can be delayed until then. Waiters are asked in turn, one Redis call at a time; while nobody waits,
 * slots are taken directly.
 */
export function createSendGate(pacer: ChatPacer): ChatPacer {
  const waiting: Waiter[] = []
  let pumping = false

  // By identity: a waiter of a higher priority may have gone in front of the head while it was being asked.
  const remove = (waiter: Waiter) => void waiting.splice(waiting.indexOf(waiter), 1)

  async function pump(): Promise<void> {
    pumping = true
    try {
      for (let head = waiting[0]; head !== undefined; head = waiting[0]) {
        let result: SlotResult
        try {
          result = await pacer.takeSlot(head.chatId, head.priority)
        } catch (error) {
          remove(head)
          head.reject(error)
          continue
        }
        if (!result.ok && result.scope === 'global') {
          // Whoever is first when the slot frees takes it: a card that arrives meanwhile goes ahead.
          await new Promise((resolve) => setTimeout(resolve, result.waitMs))
          continue
        }
        remove(head)
        head.resolve(result)
      }
    } finally {
      pumping = false
    }
  }

  const enqueue = (chatId: number | bigint, priority: DeliveryPriority) =>
    new Promise<SlotResult>((resolve, reject) => {
      const waiter: Waiter = { chatId, priority, resolve, reject }
      const at = waiting.findIndex((other) => other.priority > priority)
      if (at < 0) waiting.push(waiter)
      else waiting.splice(at, 0, waiter)
      if (!pumping) void pump()
    })

  return {
    async takeSlot(
      chatId: number | bigint,
      priority: DeliveryPriority = currentSendScope()?.priority ?? DELIVERY_PRIORITY.MESSAGE,
    ): Promise<SlotResult> {
      // While the budget lasts nobody waits, and slots are taken concurrently (one at a time would cap the rate
      // at one Redis round trip per message); once it runs out, the messages queue up in priority order.
      if (waiting.length === 0) {
        const result = await pacer.takeSlot(chatId, priority)
        if (result.ok || result.scope === 'chat') return result
      }
      return enqueue(chatId, priority)
    },
    settle: (slot) => pacer.settle(slot),
    blockChat: (chatId, retryAfterMs) => pacer.blockChat(chatId, retryAfterMs),
  }
}
