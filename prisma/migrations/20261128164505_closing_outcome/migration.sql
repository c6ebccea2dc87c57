-- CreateEnum
CREATE TYPE "ClosingOutcome" AS ENUM ('RESOLVED', 'UNRESOLVED');

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "closing_outcome" "ClosingOutcome";
