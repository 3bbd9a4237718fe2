"""What is made from a built database, apart from the build: every table as CSV
(`csv_tables`, `make csv`) and FollowTheMoney entities (`ftm`, `make ftm`)."""
