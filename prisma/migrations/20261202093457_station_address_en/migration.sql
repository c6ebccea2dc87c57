-- AlterTable
ALTER TABLE "station" ADD COLUMN     "address_en" TEXT;
