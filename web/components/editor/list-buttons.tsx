import type { Intent } from '@conform-to/react';
import type { ReactNode } from 'react';
import type { EditorForm } from './editor-fields';

/** A button of one item of a list: which list (its field name) and which item. */
interface ItemButtonProps {
  form: EditorForm;
  list: string;
  index: number;
  disabled?: boolean | undefined;
  children: ReactNode;
}

/**
 * Adds an item to a list (`insert.name`), starting as `insert.defaultValue`: Conform's insert
 * intent. A secondary button; `small` inside a cell.
 */
export function AddButton<Item>({
  form,
  insert,
  small,
  disabled,
  children,
}: {
  form: EditorForm;
  insert: Extract<Intent<Item[]>, { type: 'insert' }>['payload'];
  small?: boolean;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      {...form.insert.getButtonProps<Item[]>(insert)}
      className={small ? 'button-small button-secondary' : 'button-secondary'}
      disabled={disabled}
    >
      {children}
    </button>
  );
}

/** Removes an item from its list: Conform's remove intent, a plain submit button. */
export function RemoveButton({ form, list, index, disabled, children }: ItemButtonProps) {
  return (
    <button
      type="submit"
      {...form.remove.getButtonProps({ name: list, index })}
      className="button-small button-danger"
      disabled={disabled}
    >
      {children}
    </button>
  );
}

/** Moves an item of its list to `to`: Conform's reorder intent, a plain submit button. */
function MoveButton({
  form,
  list,
  index,
  to,
  disabled,
  children,
}: ItemButtonProps & { to: number }) {
  return (
    <button
      type="submit"
      {...form.reorder.getButtonProps({ name: list, from: index, to })}
      className="button-small"
      disabled={disabled}
    >
      {children}
    </button>
  );
}

/** How an item moves: what its buttons show, and the direction they say (screen readers read only that). */
const moves = {
  across: { back: ['← Left', 'left'], on: ['Right →', 'right'] },
  down: { back: ['↑ Up', 'up'], on: ['↓ Down', 'down'] },
} as const;

/**
 * The buttons of an option's or a question's header: move it a place back or
 * on (`across` the columns or `down` the rows), or remove it while the list
 * keeps more than its least (`min`). `name` says which item, as screen readers read it.
 */
export function ItemActions({
  form,
  list,
  index,
  count,
  min,
  direction,
  name,
  what,
}: Omit<ItemButtonProps, 'disabled' | 'children'> & {
  count: number;
  min: number;
  direction: keyof typeof moves;
  /** The item as the move buttons name it, such as "Option 2" or "question Pain". */
  name: string;
  /** The item as the remove button names it. */
  what: string;
}) {
  const item = { form, list, index };
  const { back, on } = moves[direction];
  return (
    <div className="item-actions">
      <MoveButton {...item} to={index - 1} disabled={index === 0}>
        <span aria-hidden="true">{back[0]}</span>
        <span className="visually-hidden">{`Move ${name} ${back[1]}`}</span>
      </MoveButton>
      <MoveButton {...item} to={index + 1} disabled={index === count - 1}>
        <span aria-hidden="true">{on[0]}</span>
        <span className="visually-hidden">{`Move ${name} ${on[1]}`}</span>
      </MoveButton>
      <RemoveButton {...item} disabled={count <= min}>
        Remove<span className="visually-hidden">{` ${what}`}</span>
      </RemoveButton>
    </div>
  );
}
