import type { PathwayTemplateBody } from '@meic/contracts';

/**
 * A pilot site as a service team writes it down (contract "Site files and spreadsheet
 * imports"): keys as in the REST bodies; organisations are keyed by name within the site,
 * courses by title, mentors by display name, indicators by key and reference year.
 */
export interface SiteDefinition {
  site: {
    code: string;
    name: string;
    country: string;
    city: string;
    programme: string;
    clusterName: string;
    startedOn: string;
    defaultLanguage: string;
    targets: { enrolled: number; placed: number; womenSharePct: number };
  };
  organisations?: OrganisationDefinition[];
  courses?: CourseDefinition[];
  territorialIndicators?: TerritorialIndicatorDefinition[];
  mentors?: MentorDefinition[];
  /** The site's own pathway template (PUT /v1/sites/{code}/pathway-template); without it the deployment's applies. */
  pathwayTemplate?: PathwayTemplateBody;
  /** How long the site's people are kept (PUT /v1/sites/{code}/retention): until the programme's end plus `years` (default 5). */
  retention?: RetentionDefinition;
}

export interface RetentionDefinition {
  programmeEndsOn: string;
  years?: number;
}

export interface OrganisationDefinition {
  name: string;
  type: string;
  naceSector?: string;
  joinedOn: string;
  communityOfInterest?: boolean;
}

export interface CourseDefinition {
  type: string;
  title: string;
  /** An organisation of this file or already of the site, by name. */
  provider: string;
  hours: number;
  startsOn: string;
  endsOn: string;
  cefrTarget?: string;
}

export interface TerritorialIndicatorDefinition {
  key: string;
  value: number;
  referenceYear: number;
  source: string;
}

export interface MentorDefinition {
  displayName: string;
  languages: string[];
  areas: string[];
}
