import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { staffService, type StaffIdentity } from '../../services/staff';
import { Icon, QueryView } from '../../ui';

const ROLE_NAMES: Record<StaffIdentity['role'], string> = { clerk: '店员', manager: '店长', operator: '运营' };

/** Every staff page: who is at the desk (name, role, store), or a way out for anyone else. */
export function StaffGate({ children }: { children: (staff: StaffIdentity) => ReactNode }) {
  const who = useCloudQuery(staffService.whoami);
  return (
    <QueryView query={who}>
      {(staff) => (
        <View>
          <View className="staff-page__head staff-identity">
            <Icon name="store" size="sm" color="textSecondary" />
            {staff.name} · {ROLE_NAMES[staff.role]}
            {staff.storeName ? ` · ${staff.storeName}` : ''}
          </View>
          {children(staff)}
        </View>
      )}
    </QueryView>
  );
}


/** Label / value rows (results and previews). */
export function Rows({ rows }: { rows: readonly { label: string; value: ReactNode; className?: string }[] }) {
  return (
    <View className="staff-rows">
      {rows.map((r) => (
        <View key={r.label} className="staff-rows__row">
          <View className="staff-rows__label">{r.label}</View>
          <View className={`staff-rows__value ${r.className ?? ''}`}>{r.value}</View>
        </View>
      ))}
    </View>
  );
}
