import type { ReaReport, ReasonCount } from './rea-report';

type Row = [section: string, item: string, value: string | number];

/**
 * The report as CSV (`secao,item,valor`), section and item names in Portuguese as the
 * regulator's form reads, codes unchanged. Free text is quoted and defused against formula
 * injection in spreadsheets.
 */
export function reaReportCsv(report: ReaReport): string {
  const rows: Row[] = [['ano', '', report.year]];
  const counts = (section: string, values: Record<string, number>) =>
    Object.entries(values).forEach(([item, value]) => rows.push([section, item, value]));
  const reasons = (section: string, list: ReasonCount[]) => list.forEach(({ reason, count }) => rows.push([section, reason, count]));

  counts('totais', {
    recebidas: report.totals.received,
    respondidas: report.totals.answered,
    em_aberto: report.totals.openAtGeneration,
    encerradas_sem_resposta: report.totals.closedWithoutAnswer,
    vindas_do_sac: report.totals.fromSacEscalation,
  });
  counts('por_tipo', report.byType);
  counts('por_canal', report.byChannel);
  counts('por_tema', report.byTheme);
  counts('por_tipo_de_contrato', report.byContractType);
  counts('por_tipo_de_demandante', report.byRequesterKind);
  counts('reclamacoes', { total: report.complaints.total });
  counts('reclamacoes_por_tema', report.complaints.byTheme);
  counts('reclamacoes_por_tipo_de_contrato', report.complaints.byContractType);
  counts('reclamacoes_por_tipo_de_demandante', report.complaints.byRequesterKind);
  const r = report.reanalise;
  counts('reanalise', {
    recebidas: r.received,
    deferidas: r.deferida,
    indeferidas: r.indeferida,
    convertidas_em_manifestacao: r.convertedToManifestation,
    desistencias: r.withdrawn,
    encerradas_sem_resposta: r.closedWithoutAnswer,
    pendentes: r.pending,
  });
  reasons('reanalise_motivos_de_reversao', r.mainReversalReasons);
  const i = report.indicators;
  counts('indicadores', {
    respondidas: i.answered,
    no_prazo: i.withinDeadline,
    no_prazo_pactuado: i.withinAgreedDeadline,
    fora_do_prazo: i.late,
    TMRO_dias_uteis: i.tmroBusinessDays,
    PRDP_percentual: i.prdpPercent,
    PRDPP_percentual: i.prdppPercent,
    PRFP_percentual: i.prfpPercent,
  });
  reasons('motivos_de_atraso', report.lateReasons);
  counts('satisfacao', { respondentes: report.satisfaction.respondents, nota_media: report.satisfaction.averageScore });
  for (const m of report.months) {
    const month = `mes_${String(m.month).padStart(2, '0')}`;
    counts(month, {
      recebidas: m.received,
      respondidas: m.answered,
      no_prazo: m.withinDeadline,
      no_prazo_pactuado: m.withinAgreedDeadline,
      fora_do_prazo: m.late,
    });
  }
  const rec = report.recommendations;
  counts('recomendacoes', { feitas: rec.made });
  counts('recomendacoes_por_estagio', rec.byStage);
  counts('recomendacoes_do_ano_anterior', { ano: rec.previousYear.year, feitas: rec.previousYear.made });
  counts('recomendacoes_do_ano_anterior_por_estagio', rec.previousYear.byStage);
  return ['secao,item,valor', ...rows.map((row) => row.map(cell).join(','))].join('\r\n') + '\r\n';
}

function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}
