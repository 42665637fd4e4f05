-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "jobLockId" TEXT;
ALTER TABLE "Cluster" ADD COLUMN "jobLockUntil" DATETIME;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "confirmedById" TEXT;
ALTER TABLE "Job" ADD COLUMN "force" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "JobStep" ADD COLUMN "host" TEXT;
ALTER TABLE "JobStep" ADD COLUMN "note" TEXT;
ALTER TABLE "JobStep" ADD COLUMN "report" JSONB;
