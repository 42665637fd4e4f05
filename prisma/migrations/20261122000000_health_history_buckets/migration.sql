-- CreateTable
CREATE TABLE "HealthHistoryBucket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" TEXT NOT NULL,
    "resolutionMs" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "quorate" BOOLEAN,
    "votes" INTEGER,
    "expected" INTEGER,
    "hostsDown" INTEGER NOT NULL,
    "drbdSyncKiBps" REAL,
    "replicationLagSeconds" REAL,
    "rounds" INTEGER NOT NULL,
    CONSTRAINT "HealthHistoryBucket_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "HealthHistoryBucket_clusterId_resolutionMs_at_key" ON "HealthHistoryBucket"("clusterId", "resolutionMs", "at");

