-- Delivery claims by run (decision 0018), and the notices an email carries found by index.
ALTER TABLE "EmailMessage" ADD COLUMN "claimToken" TEXT;
CREATE INDEX "Notice_emailId_idx" ON "Notice"("emailId");
