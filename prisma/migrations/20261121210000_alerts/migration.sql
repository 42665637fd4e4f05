-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "firedAt" DATETIME,
    "resolvedAt" DATETIME,
    "seenRounds" INTEGER NOT NULL DEFAULT 0,
    "missingRounds" INTEGER NOT NULL DEFAULT 0,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT,
    CONSTRAINT "Alert_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertSilence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertSilence_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Alert_clusterId_state_idx" ON "Alert"("clusterId", "state");

-- CreateIndex
CREATE INDEX "Alert_clusterId_firedAt_idx" ON "Alert"("clusterId", "firedAt");

-- CreateIndex
CREATE INDEX "AlertSilence_clusterId_key_idx" ON "AlertSilence"("clusterId", "key");

