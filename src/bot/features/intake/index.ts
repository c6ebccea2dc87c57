import { Composer } from 'grammy'
import type { BotContext } from '../../context.ts'

/** The intake feature; see the files beside this one. */
export const intakeFeature = new Composer<BotContext>()
