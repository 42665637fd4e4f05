-- AlterTable
ALTER TABLE "Host" ADD COLUMN "hostKeyOffer" JSONB;
ALTER TABLE "Host" ADD COLUMN "lastConnection" JSONB;
