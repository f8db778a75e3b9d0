-- One measure of a name per recommendation, even when two are added at once
-- (ten concurrent "add measure" calls with one name created eight).
CREATE UNIQUE INDEX "Measure_recommendationId_name_key" ON "Measure"("recommendationId", "name");
