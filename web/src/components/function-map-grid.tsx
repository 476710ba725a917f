/**
 * The 4 × 3 function map (strategies × phases). Read-only it shows which cells an
 * organization covers; editable, each cell is a toggle button (click, Space or Enter;
 * arrow keys move between cells). No UI library: the join page of the light public pages uses it.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cellKey,
  type FunctionCell,
  normalizeCells,
  PHASES,
  type Phase,
  STRATEGIES,
  type Strategy,
} from '../../../src/model/taxonomy';
import './function-map-grid.css';

interface Props {
  value?: FunctionCell[];
  onChange?: (cells: FunctionCell[]) => void;
  editable?: boolean;
  id?: string;
}

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** A tick, drawn here: the grid also serves the light public pages, which carry no icon library. */
function Check() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      focusable="false"
    >
      <path d="M3 8.5l3.2 3L13 4.5" />
    </svg>
  );
}

export function FunctionMapGrid({ value = [], onChange, editable = false, id }: Props) {
  const { t } = useTranslation();
  const covered = new Set(value.map(cellKey));
  const buttons = useRef<Map<string, HTMLButtonElement>>(new Map());

  const label = (strategy: Strategy, phase: Phase) => `${t(`strategy.${strategy}`)} · ${t(`phase.${phase}`)}`;

  const toggle = (cell: FunctionCell) => {
    const key = cellKey(cell);
    onChange?.(normalizeCells(covered.has(key) ? value.filter((c) => cellKey(c) !== key) : [...value, cell]));
  };

  const move = (event: React.KeyboardEvent, row: number, column: number) => {
    const step = MOVES[event.key];
    if (!step) return;
    event.preventDefault();
    const r = Math.min(STRATEGIES.length - 1, Math.max(0, row + step[0]));
    const c = Math.min(PHASES.length - 1, Math.max(0, column + step[1]));
    buttons.current.get(cellKey({ strategy: STRATEGIES[r], phase: PHASES[c] }))?.focus();
  };

  return (
    <div className="fmap-wrap" id={id}>
      <table className={`fmap${editable ? ' fmap-editable' : ''}`} data-testid="function-map">
        <caption className="fmap-caption">
          {t('functionMap.caption', { count: covered.size })}
          {editable ? <span className="fmap-hint">{t('functionMap.editHint')}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="fmap-corner">
              <span>{t('functionMap.strategy')}</span>
              <span>{t('functionMap.phase')}</span>
            </th>
            {PHASES.map((phase) => (
              <th scope="col" key={phase}>
                {t(`phase.${phase}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {STRATEGIES.map((strategy, row) => (
            <tr key={strategy}>
              <th scope="row">{t(`strategy.${strategy}`)}</th>
              {PHASES.map((phase, column) => {
                const key = cellKey({ strategy, phase });
                const on = covered.has(key);
                const hint = t(`functionMap.hint.${strategy}.${phase}`);
                const content = (
                  <>
                    <span className="fmap-mark" aria-hidden="true">
                      {on ? <Check /> : null}
                    </span>
                    <span className="fmap-text">
                      {/* Shown only where the map stacks by strategy and the phase headers are gone. */}
                      <span className="fmap-phase" aria-hidden="true">
                        {t(`phase.${phase}`)}
                      </span>
                      {hint}
                    </span>
                  </>
                );
                return (
                  <td key={key} className={on ? 'fmap-on' : 'fmap-off'} data-cell={key} data-covered={on}>
                    {editable ? (
                      <button
                        type="button"
                        className="fmap-button"
                        aria-pressed={on}
                        // The cell's name, then the words it shows (a name that holds the visible text).
                        aria-label={`${label(strategy, phase)}：${hint}`}
                        ref={(node) => {
                          if (node) buttons.current.set(key, node);
                          else buttons.current.delete(key);
                        }}
                        onClick={() => toggle({ strategy, phase })}
                        onKeyDown={(event) => move(event, row, column)}
                      >
                        {content}
                      </button>
                    ) : (
                      <div className="fmap-static" title={label(strategy, phase)}>
                        {content}
                        <span className="sr-only">
                          {t('functionMap.cellState', {
                            cell: label(strategy, phase),
                            state: on ? t('functionMap.covered') : t('functionMap.notCovered'),
                          })}
                        </span>
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
