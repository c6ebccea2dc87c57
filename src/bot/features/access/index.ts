import { Composer } from 'grammy'
import type { BotContext } from '../../context.ts'

/** The access feature; see the files beside this one. */
export const accessFeature = new Composer<BotContext>()
