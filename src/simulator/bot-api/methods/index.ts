/** The table of every Bot API method the fake implements. Unknown methods → 404 "Not Found". */
import { botMethods } from './bot.ts'
import { chatMethods } from './chats.ts'
import { mediaMethods } from './media.ts'
import { messageMethods } from './messages.ts'
import type { MethodHandler, MethodTable } from './types.ts'
import { updateMethods } from './updates.ts'

export const METHODS: MethodTable = {
  ...botMethods,
  ...updateMethods,
  ...messageMethods,
  ...mediaMethods,
  ...chatMethods,
}

const byLowerName = new Map(Object.entries(METHODS).map(([name, h]) => [name.toLowerCase(), { name, handler: h }]))

/** Bot API method names are case-insensitive. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return byLowerName.get(name.toLowerCase())
}
