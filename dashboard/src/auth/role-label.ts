import { useI18n } from '@/i18n/i18n';
import { isKnownRole } from './token';

/** A role's name in the UI language (an unknown role is named as the token gives it). */
export function useRoleLabel(): (role: string) => string {
  const { t } = useI18n();
  return (role) => (isKnownRole(role) ? t(`role.${role}` as const) : t('role.unknown', { role }));
}
