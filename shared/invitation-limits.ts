/** An invitation's limits: its clinic reference, and how long a patient's link lasts. */
export const invitationLimits = {
  clinicReference: 40,
  defaultDays: 30,
  maxDays: 90,
} as const;
