import type { AuditActor } from '../../src/services/audit/audit-actor.ts'

/** The administrator at the command line in tests that call the admin services directly. */
export const TEST_OPERATOR: AuditActor = { via: 'CLI', user: 'test-operator' }
