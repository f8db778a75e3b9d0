-- Email, escalation and the admin's notice rules (issue 13, decision 0018).
CREATE TYPE "NoticeEmail" AS ENUM ('IMMEDIATE', 'DIGEST', 'NONE');
CREATE TYPE "EmailStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'HELD', 'FAILED', 'CANCELLED');

ALTER TABLE "User" ADD COLUMN "noticeEmail" "NoticeEmail" NOT NULL DEFAULT 'DIGEST';
ALTER TABLE "Agency" ADD COLUMN "seniorLeadId" TEXT;
ALTER TABLE "Agency" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_seniorLeadId_fkey" FOREIGN KEY ("seniorLeadId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "NoticeSettings" (
    "id" TEXT NOT NULL DEFAULT 'partnership',
    "dueSoonDays" INTEGER[],
    "stalledDays" INTEGER NOT NULL,
    "evidenceWaitingDays" INTEGER NOT NULL,
    "seniorLeadAfterDays" INTEGER NOT NULL,
    "managerAfterDays" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeSettings_pkey" PRIMARY KEY ("id")
);

-- The defaults issue 13 gives; an admin changes them in the app.
INSERT INTO "NoticeSettings" ("id", "dueSoonDays", "stalledDays", "evidenceWaitingDays", "seniorLeadAfterDays", "managerAfterDays", "updatedAt")
VALUES ('partnership', ARRAY[30, 7], 60, 14, 14, 28, CURRENT_TIMESTAMP);

CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "status" "EmailStatus" NOT NULL DEFAULT 'QUEUED',
    "toAddress" TEXT,
    "subject" TEXT,
    "text" TEXT,
    "html" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "smtpMessageId" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "EmailMessage_key_key" ON "EmailMessage"("key");
CREATE INDEX "EmailMessage_status_nextAttemptAt_idx" ON "EmailMessage"("status", "nextAttemptAt");
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Notice" ADD COLUMN "emailId" TEXT;
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_emailId_fkey" FOREIGN KEY ("emailId") REFERENCES "EmailMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;
