-- Reminders and flags from the notice round (issue 13, decision 0017).
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "actionId" TEXT,
    "evidenceId" TEXT,
    "reviewId" TEXT,
    "recommendationId" TEXT,
    "aboutDay" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Notice_key_key" ON "Notice"("key");
CREATE INDEX "Notice_recipientId_readAt_createdAt_idx" ON "Notice"("recipientId", "readAt", "createdAt");
CREATE INDEX "Notice_actionId_createdAt_idx" ON "Notice"("actionId", "createdAt");

ALTER TABLE "Notice" ADD CONSTRAINT "Notice_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE SET NULL ON UPDATE CASCADE;
