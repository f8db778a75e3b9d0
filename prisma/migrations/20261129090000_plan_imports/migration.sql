-- Spreadsheets uploaded to bring action plans into a review (issue 12, decision 0016).
CREATE TABLE "PlanImport" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "sheetName" TEXT NOT NULL,
    "headerRow" INTEGER NOT NULL,
    "columns" JSONB NOT NULL,
    "statusWords" JSONB NOT NULL DEFAULT '{}',
    "defaultDueDate" DATE,
    "defaultFindingId" TEXT,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PlanImport_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PlanImport_reviewId_createdAt_idx" ON "PlanImport"("reviewId", "createdAt");

ALTER TABLE "PlanImport" ADD CONSTRAINT "PlanImport_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PlanImport" ADD CONSTRAINT "PlanImport_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
