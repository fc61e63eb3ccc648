import { ROLE_LABELS, ROLE_UNIT_KINDS, ROLES, type Role, roleNeedsPost } from '@domain/auth/roles';
import { SECTOR_LABELS, type SectorKind } from '@domain/org/kinds';
import { Form, Select } from 'antd';
import { useEffect, useState } from 'react';
import { get } from '../../api/client';
import { useI18n } from '../../i18n';
import { UnitPicker } from '../org/UnitPicker';

/** Role, unit and (for post staff) post: the three parts of a role assignment, as form fields. */
export function GrantFields() {
  const { t, pick } = useI18n();
  const form = Form.useFormInstance();
  const role = Form.useWatch('role', form) as Role | undefined;
  const unitId = Form.useWatch('unitId', form) as string | undefined;
  const [posts, setPosts] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (!role || !roleNeedsPost(role) || !unitId) return setPosts([]);
    void get<{ kind: SectorKind; posts: { id: string; name: string; retired: boolean }[] }[]>(
      `/org/units/${unitId}/sectors`,
    )
      .then((sectors) =>
        setPosts(
          sectors.flatMap((s) =>
            s.posts
              .filter((p) => !p.retired)
              .map((p) => ({ value: p.id, label: `${pick(SECTOR_LABELS[s.kind])} · ${p.name}` })),
          ),
        ),
      )
      .catch(() => setPosts([]));
  }, [role, unitId, pick]);

  return (
    <>
      <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
        <Select
          data-testid="grant-role"
          options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
          onChange={() => form.setFieldsValue({ unitId: undefined, postId: undefined })}
        />
      </Form.Item>
      <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
        <UnitPicker
          testId="grant-unit"
          selectable={(u) => !!role && ROLE_UNIT_KINDS[role].includes(u.kind)}
          deepest={role ? ROLE_UNIT_KINDS[role].at(-1) : undefined}
        />
      </Form.Item>
      {role && roleNeedsPost(role) && (
        <Form.Item name="postId" label={t('post')} rules={[{ required: true }]}>
          <Select options={posts} />
        </Form.Item>
      )}
    </>
  );
}
