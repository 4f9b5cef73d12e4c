"""The application file for spark-submit: ``spark-submit [options] …/qinglang/spark/submit.py spark scan IN -o OUT``.

spark-submit runs a file, not a module; this one calls the `qinglang` CLI (the package must be installed in
the executors' Python: see docs/distributed.md). Under spark-submit the master comes from spark-submit.
"""

from qinglang.cli import main

if __name__ == "__main__":
    main()
