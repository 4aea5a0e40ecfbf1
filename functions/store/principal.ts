/** Who is asking: every repository call that touches organisation data takes the orgId. */
export interface Principal {
  orgId: string;
  clinicianId: string;
}
