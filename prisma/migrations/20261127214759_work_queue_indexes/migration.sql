-- DropIndex
DROP INDEX "Evidence_assessment_idx";

-- DropIndex
DROP INDEX "Recommendation_status_dueDate_idx";

-- CreateIndex
CREATE INDEX "Evidence_assessment_submittedAt_idx" ON "Evidence"("assessment", "submittedAt");

-- CreateIndex
CREATE INDEX "Recommendation_status_dueDate_id_idx" ON "Recommendation"("status", "dueDate", "id");

-- CreateIndex
CREATE INDEX "Recommendation_status_statusChangedAt_idx" ON "Recommendation"("status", "statusChangedAt");
