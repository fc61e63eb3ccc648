import { childKindOf, UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@domain/org/kinds';
import type { OrgUnit, OrgUnitDetail } from '@domain/org/schemas';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Space,
  Tabs,
  Tag,
  Tree,
  type TreeDataNode,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { allChildren, roots as loadRoots, unitDetail } from './api';
import { ImportBoundariesButton } from './ImportBoundariesButton';
import { MoveUnitModal } from './MoveUnitModal';
import { SectorsPanel } from './SectorsPanel';
import { UnitFormModal } from './UnitFormModal';

/** 组织架构: the org tree, loaded a level at a time, with exactly the actions the server allows. */
export default function OrgPage() {
  const { t, pick, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [roots, setRoots] = useState<OrgUnit[]>([]);
  const [childrenOf, setChildrenOf] = useState<Map<string, OrgUnit[]>>(new Map());
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<OrgUnitDetail | null>(null);
  const [dialog, setDialog] = useState<'create' | 'edit' | 'move' | null>(null);

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );

  const loadChildren = useCallback(async (id: string) => {
    const kids = await allChildren(id);
    setChildrenOf((prev) => new Map(prev).set(id, kids));
  }, []);

  useEffect(() => {
    loadRoots()
      .then((r) => setRoots(r))
      .catch(fail);
  }, [fail]);

  const select = useCallback(
    async (id: string) => {
      try {
        setSelected(await unitDetail(id));
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );

  const treeData = useMemo(() => {
    const toNode = (u: OrgUnit): TreeDataNode => ({
      key: u.id,
      title: (
        <span data-testid={`org-node-${u.name}`}>
          {u.name} <Tag style={{ marginInlineStart: 4 }}>{pick(UNIT_KIND_LABELS[u.kind])}</Tag>
        </span>
      ),
      // The count comes with the unit and goes stale once a child is added under it here.
      isLeaf: u.childCount === 0 && !childrenOf.get(u.id)?.length,
      children: childrenOf.get(u.id)?.map(toNode),
    });
    return roots.map(toNode);
  }, [roots, childrenOf, pick]);

  /** After a change, refresh what the tree shows of the unit's parent and of the unit itself. */
  const refreshAround = async (unit: { id: string; parentId: string | null }) => {
    if (unit.parentId && (childrenOf.has(unit.parentId) || roots.some((r) => r.id === unit.parentId)))
      await loadChildren(unit.parentId);
    setRoots(await loadRoots());
  };

  const retire = (unit: OrgUnitDetail) =>
    modal.confirm({
      title: t('confirmRetire', { name: unit.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await post(`/org/units/${unit.id}/retire`);
          void message.success(t('retired'));
          setSelected(null);
          await refreshAround(unit);
        } catch (e) {
          fail(e);
        }
      },
    });

  return (
    <Flex gap={16} align="flex-start">
      <Card
        title={t('orgTree')}
        style={{ width: 380, flex: 'none' }}
        styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflow: 'auto' } }}
      >
        <Tree
          treeData={treeData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys as string[])}
          loadData={async (node) => {
            if (!childrenOf.has(String(node.key))) await loadChildren(String(node.key)).catch(fail);
          }}
          selectedKeys={selected ? [selected.id] : []}
          onSelect={(keys) => keys[0] && void select(String(keys[0]))}
        />
      </Card>
      <Card style={{ flex: 1, minWidth: 0 }}>
        {!selected ? (
          <Empty description={t('selectUnit')} />
        ) : (
          <>
            <Breadcrumb
              items={[...selected.ancestors.map((a) => ({ title: a.name })), { title: selected.name }]}
            />
            <Tabs
              items={[
                {
                  key: 'details',
                  label: t('details'),
                  children: (
                    <>
                      <Descriptions column={2} bordered size="small" style={{ marginBottom: 16 }}>
                        <Descriptions.Item label={t('name')}>{selected.name}</Descriptions.Item>
                        <Descriptions.Item label={t('kind')}>
                          {pick(UNIT_KIND_LABELS[selected.kind])}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('code')}>{selected.code}</Descriptions.Item>
                        <Descriptions.Item label={t('children')}>{selected.childCount}</Descriptions.Item>
                        <Descriptions.Item label={t('center')} span={2}>
                          {selected.center
                            ? `${selected.center.lat.toFixed(5)}°N, ${selected.center.lng.toFixed(5)}°E`
                            : '—'}
                        </Descriptions.Item>
                      </Descriptions>
                      <Space wrap>
                        {selected.can.includes('create_child') && childKindOf(selected.kind) && (
                          <Button
                            type="primary"
                            onClick={() => setDialog('create')}
                            data-testid="org-create-child"
                          >
                            {t('createChild')}：
                            {pick(UNIT_KIND_LABELS[childKindOf(selected.kind) as UnitKind])}
                          </Button>
                        )}
                        {selected.can.includes('update') && (
                          <Button onClick={() => setDialog('edit')}>{t('edit')}</Button>
                        )}
                        {selected.can.includes('move') && (
                          <Button onClick={() => setDialog('move')}>{t('move')}</Button>
                        )}
                        {selected.can.includes('import_boundaries') && (
                          <ImportBoundariesButton
                            unitId={selected.id}
                            onDone={() => void select(selected.id)}
                          />
                        )}
                        {selected.can.includes('retire') && (
                          <Button danger onClick={() => retire(selected)}>
                            {t('retire')}
                          </Button>
                        )}
                      </Space>
                    </>
                  ),
                },
                ...(selected.kind === 'town'
                  ? [{ key: 'sectors', label: t('sectorsPosts'), children: <SectorsPanel town={selected} /> }]
                  : []),
              ]}
            />
          </>
        )}
      </Card>
      {selected && dialog === 'create' && (
        <UnitFormModal
          mode="create"
          parent={selected}
          onClose={() => setDialog(null)}
          onSaved={async (unit) => {
            setDialog(null);
            void message.success(t('created'));
            await loadChildren(selected.id);
            setExpanded((keys) => [
              ...new Set([...keys, ...selected.ancestors.map((a) => a.id), selected.id]),
            ]);
            await select(unit.id);
          }}
        />
      )}
      {selected && dialog === 'edit' && (
        <UnitFormModal
          mode="edit"
          unit={selected}
          onClose={() => setDialog(null)}
          onSaved={async (unit) => {
            setDialog(null);
            void message.success(t('saved'));
            setSelected(unit);
            await refreshAround(unit);
          }}
        />
      )}
      {selected && dialog === 'move' && (
        <MoveUnitModal
          unit={selected}
          parentKind={UNIT_KINDS[UNIT_KINDS.indexOf(selected.kind) - 1] as UnitKind}
          onClose={() => setDialog(null)}
          onMoved={async (unit) => {
            setDialog(null);
            void message.success(t('saved'));
            await refreshAround(selected);
            if (unit.parentId && childrenOf.has(unit.parentId)) await loadChildren(unit.parentId);
            setSelected(unit);
          }}
        />
      )}
    </Flex>
  );
}
