import type { UnitKind } from '@domain/org/kinds';
import type { OrgUnit } from '@domain/org/schemas';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { allChildren, roots } from './api';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
  unit: OrgUnit;
}

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
  const [nodes, setNodes] = useState<Node[]>([]);
  const toNode = (u: OrgUnit): Node => ({
    id: u.id,
    pId: u.parentId,
    value: u.id,
    title: u.name,
    isLeaf: u.childCount === 0 || u.kind === props.deepest,
    selectable: props.selectable(u),
    unit: u,
  });

  useEffect(() => {
    void roots().then((r) => setNodes(r.map(toNode)));
    // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per picker
  }, [toNode]);

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
        const node = nodes.find((n) => n.id === id);
        if (node) props.onChange?.(id, node.unit);
      }}
      loadData={async (node) => {
        const kids = await allChildren(String(node.value));
        setNodes((prev) => [...prev, ...kids.filter((k) => !prev.some((p) => p.id === k.id)).map(toNode)]);
      }}
    />
  );
}
