"""Release stage. Takes: the finished temporary database and the previous build. Gives: the
dataset's assertions checked (`assertions`), the `changes` table against the previous build
(`changes`), and the new file moved into place only when all is well (`atomic_file`)."""
