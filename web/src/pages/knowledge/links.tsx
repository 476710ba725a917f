/**
 * What a lesson may be linked to: the incidents (every stage) and the normal-time programs, as
 * choices for the filters and the form, and as links in the lesson's drawer.
 */
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { incidentApi, incidentsQuery, programApi } from '../../api';

/** The most programs offered to choose from: the latest to start (in the area, when one is given). */
const PROGRAM_CHOICES = 200;

interface Choices {
  options: { value: string; label: string }[];
  loading: boolean;
}

/** A select of incidents or programs, searched by name, that may be left empty. */
export function ChoiceSelect({ choices, ...props }: SelectProps<string> & { choices: Choices }) {
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={choices.loading}
      options={choices.options}
      {...props}
    />
  );
}

/** Every incident, newest first, as choices (asked for only while `enabled`). */
export function useIncidentChoices(enabled = true): Choices {
  const incidents = useQuery({ ...incidentsQuery('all'), enabled });
  return {
    options: (incidents.data ?? []).map((incident) => ({ value: incident.id, label: incident.name })),
    loading: enabled && incidents.isPending,
  };
}

/** The latest programs (of an area, overlapping, if given) as choices, labelled with when they started. */
export function useProgramChoices(jurisdiction: string | null, enabled = true): Choices {
  const programs = useQuery({
    queryKey: ['programs', 'choices', jurisdiction ?? ''],
    queryFn: () => programApi.list({ jurisdiction: jurisdiction ?? undefined, limit: PROGRAM_CHOICES }),
    enabled,
  });
  return {
    options: (programs.data?.items ?? []).map((program) => ({
      value: program.id,
      label: `${program.title} · ${program.startsOn}`,
    })),
    loading: enabled && programs.isPending,
  };
}

/** The incident a lesson is of, named, linking to its board. */
export function IncidentLink({ id }: { id: string }) {
  const { data, isPending } = useQuery({ queryKey: ['incident', id], queryFn: () => incidentApi.get(id) });
  return (
    <Link to={`/incidents/${encodeURIComponent(id)}`} data-testid="lesson-incident">
      {data?.name ?? (isPending ? '…' : id)}
    </Link>
  );
}

/** The program a lesson came from, named with its dates, linking to the programs. */
export function ProgramLink({ id, hint }: { id: string; hint: string }) {
  const { data, isPending } = useQuery({ queryKey: ['program', id], queryFn: () => programApi.get(id) });
  const dates = data && (data.endsOn && data.endsOn !== data.startsOn ? `${data.startsOn} – ${data.endsOn}` : data.startsOn);
  return (
    <span data-testid="lesson-program">
      <Link to="/programs" title={hint}>
        {data?.title ?? (isPending ? '…' : id)}
      </Link>
      {dates ? <Typography.Text type="secondary"> {dates}</Typography.Text> : null}
    </span>
  );
}
