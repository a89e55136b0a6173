/**
 * A count as a reader gets it. For site_staff the exact count of their own sites; for every other
 * role the count as the disclosure layer publishes it (docs/adr/0012). `suppressed` marks a figure
 * withheld as a whole (a curve with too few people at risk); counts themselves are always shown.
 */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}
