-- Actions (issue 11, decision 0015): a recommendation is carried out through
-- actions, each owned by one agency. Every existing recommendation becomes one
-- with a single action carrying its owner, lead officer, dates, status,
-- progress note, RAG override, evidence and measures.
--
-- The action made here takes its recommendation's id: the history written
-- before actions existed names the recommendation, and the replay
-- (lib/reports/replay.ts) reads those events as events of this action. Its
-- text is NULL ("the recommendation as written"), so a later edit of the
-- recommendation's text is still what the action says, in the database and in
-- the replay alike.

CREATE TABLE "Action" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "text" TEXT,
    "ownerAgencyId" TEXT NOT NULL,
    "leadOfficerId" TEXT,
    "originalDueDate" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "dueDateChangeReason" TEXT,
    "status" "RecommendationStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastProgressAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "progressNote" TEXT,
    "ragOverride" "Rag",
    "ragOverrideJustification" TEXT,
    "ragOverrideById" TEXT,
    "ragOverrideAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

INSERT INTO "Action" (
    "id", "recommendationId", "reference", "text", "ownerAgencyId", "leadOfficerId", "originalDueDate", "dueDate",
    "dueDateChangeReason", "status", "statusChangedAt", "lastProgressAt", "progressNote", "ragOverride",
    "ragOverrideJustification", "ragOverrideById", "ragOverrideAt", "archivedAt", "version", "createdAt", "updatedAt"
)
SELECT "id", "id", '1', NULL, "ownerAgencyId", "leadOfficerId", "originalDueDate", "dueDate",
    "dueDateChangeReason", "status", "statusChangedAt", "lastProgressAt", "progressNote", "ragOverride",
    "ragOverrideJustification", "ragOverrideById", "ragOverrideAt", NULL, 1, "createdAt", "updatedAt"
FROM "Recommendation";

CREATE INDEX "Action_ownerAgencyId_status_idx" ON "Action"("ownerAgencyId", "status");
CREATE INDEX "Action_status_dueDate_id_idx" ON "Action"("status", "dueDate", "id");
CREATE INDEX "Action_leadOfficerId_idx" ON "Action"("leadOfficerId");
CREATE INDEX "Action_dueDate_id_idx" ON "Action"("dueDate", "id");
CREATE INDEX "Action_updatedAt_id_idx" ON "Action"("updatedAt", "id");
CREATE UNIQUE INDEX "Action_recommendationId_reference_key" ON "Action"("recommendationId", "reference");
ALTER TABLE "Action" ADD CONSTRAINT "Action_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Action" ADD CONSTRAINT "Action_ownerAgencyId_fkey" FOREIGN KEY ("ownerAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Action" ADD CONSTRAINT "Action_leadOfficerId_fkey" FOREIGN KEY ("leadOfficerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Evidence and measures belong to an action (and still name the recommendation, for its page and reports).
ALTER TABLE "Evidence" ADD COLUMN "actionId" TEXT;
UPDATE "Evidence" SET "actionId" = "recommendationId";
ALTER TABLE "Evidence" ALTER COLUMN "actionId" SET NOT NULL;
CREATE INDEX "Evidence_actionId_idx" ON "Evidence"("actionId");
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Measure" ADD COLUMN "actionId" TEXT;
UPDATE "Measure" SET "actionId" = "recommendationId";
ALTER TABLE "Measure" ALTER COLUMN "actionId" SET NOT NULL;
DROP INDEX "Measure_recommendationId_name_key";
CREATE UNIQUE INDEX "Measure_actionId_name_key" ON "Measure"("actionId", "name");
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What is now each action's own: the recommendation keeps only what rolls up from its actions.
ALTER TABLE "Recommendation" DROP COLUMN "dueDateChangeReason",
    DROP COLUMN "progressNote",
    DROP COLUMN "ragOverride",
    DROP COLUMN "ragOverrideJustification",
    DROP COLUMN "ragOverrideById",
    DROP COLUMN "ragOverrideAt";
