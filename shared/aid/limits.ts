/**
 * The option-grid decision aid. Limits keep the largest aid well inside one
 * DynamoDB item (400 KB): every limit is here, and each error message says it.
 *
 * A draft may be incomplete (empty names, empty cells): the schema checks
 * shape and size; completeness is what the IPDAS checks report before publishing.
 */
export const aidLimits = {
  title: 200,
  condition: 400,
  question: 200,
  audience: 300,
  options: { min: 2, max: 6 },
  optionName: 80,
  optionDescription: 400,
  rows: { min: 2, max: 20 },
  rowQuestion: 200,
  rowLabel: 80,
  cellText: 600,
  numbersPerCell: 4,
  outcome: 150,
  timeFrameValue: 1000,
  referenceClass: 150,
  denominator: 100_000,
  sourcesPerCell: 10,
  sources: 40,
  citation: 500,
  url: 500,
  authors: 12,
  authorName: 120,
  credentials: 200,
  funding: 500,
  conflictsOfInterest: 1000,
  evidenceMethods: 1000,
  updatePolicy: 500,
  attestationDetail: 300,
  /**
   * The whole content as UTF-8 JSON. Character limits alone would let text in
   * scripts of 3 bytes a character outgrow a DynamoDB item (400 KB).
   */
  bytes: 300_000,
} as const;
