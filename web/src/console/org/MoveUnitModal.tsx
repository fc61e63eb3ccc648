import type { UnitKind } from '@domain/org/kinds';
import type { OrgUnitDetail } from '@domain/org/schemas';
import { Alert, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { UnitPicker } from './UnitPicker';

/** Picks a new parent of the level above the unit and moves the unit with its whole subtree. */
export function MoveUnitModal(props: {
  unit: OrgUnitDetail;
  parentKind: UnitKind;
  onClose(): void;
  onMoved(unit: OrgUnitDetail): Promise<void>;
}) {
  const { t, locale } = useI18n();
  const [target, setTarget] = useState<string>();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!target) return;
    try {
      await props.onMoved(
        await post<OrgUnitDetail>(`/org/units/${props.unit.id}/move`, { parentId: target }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  };

  return (
    <Modal
      open
      title={`${t('move')} · ${props.unit.name}`}
      okText={t('ok')}
      cancelText={t('cancel')}
      onOk={() => void submit()}
      onCancel={props.onClose}
      okButtonProps={{ disabled: !target }}
    >
      <UnitPicker
        value={target}
        onChange={setTarget}
        placeholder={t('newParent')}
        deepest={props.parentKind}
        selectable={(u) =>
          u.kind === props.parentKind && u.id !== props.unit.parentId && u.can.includes('create_child')
        }
      />
      {error && <Alert type="error" title={error} style={{ marginTop: 16 }} />}
    </Modal>
  );
}
