// What the consumer can hand the form engine as the answer to the current step.
import type { BusinessLocation, EvidenceFile } from './draft.ts'

/** A shared Telegram contact (the "share my phone number" button). */
export interface SharedContact {
  /** The contact is the sender's own (its Telegram user id is the sender's); anyone else's card is refused. */
  isOwn: boolean
  phoneNumber: string
  firstName: string
  lastName?: string | undefined
}

export type FormAnswer =
  | { type: 'text'; text: string }
  /** A button: a category code, `toggle:<DEMAND>`, `yes`/`no`, `named`/`anonymous`, `online-other`, `outside`, `inquiry`… */
  | { type: 'choice'; value: string }
  | { type: 'skip' }
  /** "Done" on a step that collects several things (demands, evidence). */
  | { type: 'done' }
  | { type: 'contact'; contact: SharedContact }
  /** A place already resolved by the bot: an area picked from the directory, or an online platform. */
  | { type: 'location'; location: BusinessLocation }
  | { type: 'file'; file: EvidenceFile }
