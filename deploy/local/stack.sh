#!/usr/bin/env bash
# The single-machine stack: Apache Kafka (KRaft), FerretDB (MongoDB wire protocol, SQLite) and
# fake-gcs-server, all on 127.0.0.1. Provisions what is missing into $MI_STACK_DIR (cached),
# starts each part with a health wait, and stops only what it started.
#
#   stack.sh up | down | status | env | provision
#
# Ports: MI_KAFKA_PORT (19092; the controller uses the next port), MI_MONGO_PORT (27018),
# MI_GCS_PORT (4443). Folder: MI_STACK_DIR (<repo>/.stack).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dir=${MI_STACK_DIR:-$repo/.stack}
kafka_port=${MI_KAFKA_PORT:-19092}
controller_port=$((kafka_port + 1))
mongo_port=${MI_MONGO_PORT:-27018}
gcs_port=${MI_GCS_PORT:-4443}

ferretdb_version=v1.24.2
fake_gcs_version=v1.56.1

say() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

require() {
  command -v java >/dev/null || die "java 17+ is required (Debian: apt-get install openjdk-17-jre-headless)"
  local jv
  jv=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  [ "${jv:-0}" -ge 17 ] || die "java 17+ is required, found java ${jv:-unknown}"
  command -v mvn >/dev/null || die "maven (mvn) is required to fetch Kafka (Debian: apt-get install maven)"
  command -v go >/dev/null || die "go 1.22+ is required to build FerretDB and fake-gcs-server (https://go.dev/dl)"
}

# FerretDB's version check panics when the binary's main module is FerretDB itself and
# build/version/version.txt is missing, which is what a plain `go install` produces with Go
# 1.24+. Building from a vendored throwaway module lets us supply that file.
provision_ferretdb() {
  [ -x "$dir/bin/ferretdb" ] && return 0
  say "building FerretDB $ferretdb_version with go (first run only, ~2-3 min)…"
  local b="$dir/build/ferretdb"
  rm -rf "$b" && mkdir -p "$b" "$dir/bin"
  (
    cd "$b"
    go mod init local/ferretdb-build >/dev/null 2>&1
    go get -tool "github.com/FerretDB/FerretDB/cmd/ferretdb@$ferretdb_version" >/dev/null 2>&1
    go mod vendor
    echo "$ferretdb_version" >vendor/github.com/FerretDB/FerretDB/build/version/version.txt
    go build -mod=vendor -o "$dir/bin/ferretdb" github.com/FerretDB/FerretDB/cmd/ferretdb
  ) >"$dir/build/ferretdb.log" 2>&1 || die "FerretDB build failed, see $dir/build/ferretdb.log"
  rm -rf "$b"
}

provision_fake_gcs() {
  [ -x "$dir/bin/fake-gcs-server" ] && return 0
  say "building fake-gcs-server $fake_gcs_version with go (first run only, ~2 min)…"
  mkdir -p "$dir/bin" "$dir/build"
  GOBIN="$dir/bin" go install "github.com/fsouza/fake-gcs-server@$fake_gcs_version" \
    >"$dir/build/fake-gcs.log" 2>&1 || die "fake-gcs-server build failed, see $dir/build/fake-gcs.log"
}

provision_kafka() {
  local stamp="$dir/kafka/libs/.pom-$(cksum <"$here/kafka/pom.xml" | cut -d' ' -f1)"
  [ -f "$stamp" ] && return 0
  say "fetching Apache Kafka jars from Maven Central (first run only)…"
  rm -rf "$dir/kafka/libs" && mkdir -p "$dir/kafka/libs" "$dir/build"
  mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$dir/kafka/libs" >"$dir/build/kafka-mvn.log" 2>&1 \
    || die "maven could not fetch Kafka, see $dir/build/kafka-mvn.log"
  touch "$stamp"
}

provision() {
  require
  mkdir -p "$dir"/{bin,build,run,logs,data}
  provision_kafka
  # The two Go builds are independent: side by side they take the time of the longer one.
  provision_ferretdb &
  local ferretdb=$!
  provision_fake_gcs &
  local fake_gcs=$!
  wait "$ferretdb" || die "FerretDB provisioning failed"
  wait "$fake_gcs" || die "fake-gcs-server provisioning failed"
}

pid_of() { cat "$dir/run/$1.pid" 2>/dev/null || true; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name seconds command...
  local name=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    alive "$name" || die "$name exited while starting, see $dir/logs/$name.log"
    [ $SECONDS -lt $deadline ] || die "$name not healthy after ${secs}s, see $dir/logs/$name.log"
    sleep 0.3
  done
}

kafka_ready() { port_open "$kafka_port" && grep -q 'Kafka Server started' "$dir/logs/kafka/server.log" 2>/dev/null; }
mongo_ready() { port_open "$mongo_port"; }
gcs_ready() { curl -fsS "http://127.0.0.1:$gcs_port/storage/v1/b" >/dev/null 2>&1; }

start_kafka() {
  local cfg="$dir/kafka/server.properties" data="$dir/data/kafka"
  mkdir -p "$data" "$dir/logs/kafka"
  cat >"$cfg" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
  local java_opts=(-Xms256m -Xmx768m -Dkafka.logs.dir="$dir/logs/kafka"
    -Dlog4j2.configurationFile="$here/kafka/log4j2.properties" -cp "$dir/kafka/libs/*")
  if [ ! -f "$data/meta.properties" ]; then
    say "formatting Kafka storage"
    java "${java_opts[@]}" kafka.tools.StorageTool format -t "$(python3 -c 'import base64,uuid;print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')" \
      -c "$cfg" >"$dir/logs/kafka-format.log" 2>&1 || die "Kafka storage format failed, see $dir/logs/kafka-format.log"
  fi
  : >"$dir/logs/kafka/server.log"
  nohup java "${java_opts[@]}" kafka.Kafka "$cfg" >"$dir/logs/kafka.log" 2>&1 &
  echo $! >"$dir/run/kafka.pid"
}

start_mongo() {
  mkdir -p "$dir/data/ferretdb"
  nohup "$dir/bin/ferretdb" --handler=sqlite --sqlite-url="file:$dir/data/ferretdb/" \
    --listen-addr="127.0.0.1:$mongo_port" --telemetry=disable --debug-addr=- \
    --state-dir="$dir/data/ferretdb" --log-level=WARN >"$dir/logs/ferretdb.log" 2>&1 &
  echo $! >"$dir/run/ferretdb.pid"
}

start_gcs() {
  mkdir -p "$dir/data/gcs"
  nohup "$dir/bin/fake-gcs-server" -scheme http -host 127.0.0.1 -port "$gcs_port" \
    -backend filesystem -filesystem-root "$dir/data/gcs" -log-level warn \
    -public-host "127.0.0.1:$gcs_port" -external-url "http://127.0.0.1:$gcs_port" \
    >"$dir/logs/fake-gcs-server.log" 2>&1 &
  echo $! >"$dir/run/fake-gcs-server.pid"
}

up_one() { # name port start-fn ready-fn seconds
  local name=$1 port=$2 start=$3 ready=$4 secs=$5
  if alive "$name"; then
    say "$name already running (pid $(pid_of "$name"))"
  elif port_open "$port"; then
    die "port $port is taken by another process; set a different port (see stack.sh header)"
  else
    "$start"
  fi
  wait_for "$name" "$secs" "$ready"
  say "$name ready on 127.0.0.1:$port"
}

up() {
  local t0=$SECONDS
  provision
  up_one ferretdb "$mongo_port" start_mongo mongo_ready 30
  up_one fake-gcs-server "$gcs_port" start_gcs gcs_ready 30
  up_one kafka "$kafka_port" start_kafka kafka_ready 90
  say "stack up in $((SECONDS - t0))s"
}

down() {
  local name p
  for name in kafka fake-gcs-server ferretdb; do
    p=$(pid_of "$name")
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill "$p"
      for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$p" 2>/dev/null || true
      say "$name stopped"
    fi
    rm -f "$dir/run/$name.pid"
  done
}

status() {
  local name rc=0
  for name in ferretdb fake-gcs-server kafka; do
    if alive "$name"; then echo "$name: running (pid $(pid_of "$name"))"; else echo "$name: stopped"; rc=1; fi
  done
  return $rc
}

env_lines() {
  echo "KAFKA_BROKERS=127.0.0.1:$kafka_port"
  echo "MONGO_URL=mongodb://127.0.0.1:$mongo_port"
  echo "GCS_API_ENDPOINT=http://127.0.0.1:$gcs_port"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) env_lines ;;
  provision) provision ;;
  *) echo "usage: $0 up|down|status|env|provision" >&2; exit 2 ;;
esac
