import { Composer } from 'grammy'
import type { BotContext } from '../../context.ts'

/** The tickets feature; see the files beside this one. */
export const ticketsFeature = new Composer<BotContext>()
