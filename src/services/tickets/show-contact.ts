import type { Database } from '../../db/client.ts'
import type { IdDocumentType } from '../../domain/intake/identity-document.ts'
import type { ComplaintKind } from '../../domain/lifecycle/index.ts'
import { canSeeContact, canSeeIdNumber, loadActor, rolesOnComplaint } from '../access/access-policy.ts'
import type { IdNumberCipher } from '../privacy/id-number-cipher.ts'

/** The consumer's contact, for a handler who may see it. */
export interface ConsumerContact {
  complaintId: string
  trackingNumber: string
  /** Whose contact it is: a complainant's, a reporter's or an inquirer's. */
  kind: ComplaintKind
  name: string | null
  phone: string | null
  mailingAddress: string | null
  /** The identity document: the number in full for the handling bureau's staff, masked for anyone else. */
  idDocument: { type: IdDocumentType; number: string; masked: boolean } | null
  /** The role the viewer sees it in, recorded with the access. */
  role: 'ADMIN' | 'STAFF' | 'LIAISON'
}

export type ContactLookup =
  | { status: 'allowed'; contact: ConsumerContact }
  /** The presser handles no part of this ticket (a forged press, or a group member without a role). */
  | { status: 'forbidden' }
  /** A named reporter's identity, asked for by someone handling the report outside the bureau station. */
  | { status: 'confidential' }
  | { status: 'not-found' }
  /** The ticket carries no contact (an anonymous report). */
  | { status: 'no-contact'; trackingNumber: string }

/**
 * The consumer's full contact, shown on request to the people handling a ticket: the card shows it masked. Each
 * disclosure is recorded on the ticket (event CONTACT_SHOWN, appended only).
 */
export function createContactAccess(deps: { db: Database; idNumbers: IdNumberCipher }) {
  const { db, idNumbers } = deps

  /** Whether the person may see the contact of the complaint (access-policy canSeeContact), and the contact. */
  async function contactFor(personId: number, complaintId: string): Promise<ContactLookup> {
    const complaint = await db.complaint.findUnique({
      where: { id: complaintId },
      include: { station: { select: { kind: true } } },
    })
    if (!complaint) return { status: 'not-found' }
    const roles = rolesOnComplaint(await loadActor(db, personId), complaint)
    const role = roles.find((r) => r !== 'CONSUMER')
    const scope = { kind: complaint.kind, stationKind: complaint.station?.kind ?? null }
    if (!role) return { status: 'forbidden' }
    if (!canSeeContact(roles, scope)) return { status: scope.kind === 'REPORT' ? 'confidential' : 'forbidden' }
    if (!complaint.contactName && !complaint.contactPhone)
      return { status: 'no-contact', trackingNumber: complaint.trackingNumber }
    const full = canSeeIdNumber(roles, scope)
    const idDocument =
      complaint.idType && complaint.idNumberEncrypted && complaint.idNumberMasked
        ? {
            type: complaint.idType,
            number: full ? idNumbers.decrypt(complaint.idNumberEncrypted) : complaint.idNumberMasked,
            masked: !full,
          }
        : null
    return {
      status: 'allowed',
      contact: {
        complaintId,
        trackingNumber: complaint.trackingNumber,
        kind: complaint.kind,
        name: complaint.contactName,
        phone: complaint.contactPhone,
        mailingAddress: complaint.mailingAddress,
        idDocument,
        role,
      },
    }
  }

  /** Records that the contact was sent to the person (after it reached them). */
  async function recordContactShown(personId: number, contact: ConsumerContact): Promise<void> {
    const complaint = await db.complaint.findUniqueOrThrow({
      where: { id: contact.complaintId },
      select: { status: true },
    })
    await db.complaintEvent.create({
      data: {
        complaintId: contact.complaintId,
        actorId: personId,
        actorRole: contact.role,
        action: 'CONTACT_SHOWN',
        fromStatus: complaint.status,
        toStatus: complaint.status,
      },
    })
  }

  return { contactFor, recordContactShown }
}
