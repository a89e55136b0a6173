import { SiteCode } from '@meic/contracts';
import { problems } from '@meic/service-kit';
import { Value } from '@sinclair/typebox/value';

/** The `{code}` of a site route, checked: a 400 naming the parameter otherwise. */
export function siteCodeParam(code: string): string {
  if (!Value.Check(SiteCode, code)) throw problems.validation([{ path: '/code', message: `must be a site code such as IT-RM (got ${JSON.stringify(code)})` }]);
  return code;
}
