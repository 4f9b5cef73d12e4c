"""The campaign report to the regulator (专项行动工作情况报告) and the dashboard figures, computed from the store."""
