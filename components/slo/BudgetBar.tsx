import { budgetBarFraction, budgetTone, formatBudget } from '@/lib/slo-view/format';

/** The share of error budget left as a bar; an overspent budget is an empty bar in the breach colour. */
export function BudgetBar({ remaining, className }: { remaining: number; className?: string }) {
  const fraction = budgetBarFraction(remaining);
  return (
    <div
      className={`budget-bar tone-${budgetTone(remaining)}${className ? ` ${className}` : ''}`}
      role="meter"
      aria-label="Error budget remaining"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fraction * 100)}
      aria-valuetext={`${formatBudget(remaining)} of the error budget left`}
    >
      <span className="budget-bar-fill" style={{ width: `${fraction * 100}%` }} />
    </div>
  );
}
