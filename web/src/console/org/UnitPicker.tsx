import type { UnitKind } from '@domain/org/kinds';
import type { OrgUnit } from '@domain/org/schemas';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { allChildren, roots } from './api';

/** A unit chosen from the org tree, loaded a level at a time; only units that `selectable` accepts can be picked. */
export function UnitPicker(props: {
  value?: string;
  onChange?: (id: string, unit: OrgUnit) => void;
  placeholder?: string;
  selectable: (unit: OrgUnit) => boolean;
  /** Levels below which there is nothing to choose. */
  deepest?: UnitKind;
  testId?: string;
}) {
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const { selectable, deepest } = props;

  useEffect(() => {
    let live = true;
    void roots()
      .then((r) => live && setUnits(r))
      .catch(() => live && setUnits([]));
    return () => {
      live = false;
    };
  }, []);

  // Selectability follows the current props (the role chosen beside the picker), not those at load time.
  const nodes = units.map((u) => ({
    id: u.id,
    pId: u.parentId,
    value: u.id,
    title: u.name,
    isLeaf: u.childCount === 0 || u.kind === deepest,
    selectable: selectable(u),
  }));

  return (
    <TreeSelect
      style={{ width: '100%' }}
      placeholder={props.placeholder}
      treeDataSimpleMode
      treeData={nodes}
      value={props.value}
      data-testid={props.testId}
      showSearch
      treeNodeFilterProp="title"
      onChange={(id: string) => {
        const unit = units.find((u) => u.id === id);
        if (unit) props.onChange?.(id, unit);
      }}
      loadData={async (node) => {
        const kids = await allChildren(String(node.value));
        setUnits((prev) => [...prev, ...kids.filter((k) => !prev.some((p) => p.id === k.id))]);
      }}
    />
  );
}
