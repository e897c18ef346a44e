#!/usr/bin/env bash
# Smoke test through the ingress: signs up a fresh user, creates a task, reads it back.
#   k8s/smoke.sh https://taskwire.example.com
# Needs curl and node (for JSON); exits non-zero with the server's answer on any failure.
set -euo pipefail
base="${1:?usage: k8s/smoke.sh <base-url, e.g. https://taskwire.example.com>}"
url="${base%/}/graphql"

gql() { # $1 = JSON body, $2 = optional bearer token
  curl -fsS --max-time 20 -H 'content-type: application/json' ${2:+-H "authorization: Bearer $2"} -d "$1" "$url"
}
json() { # $1 = JSON text, $2 = JS expression over `r`; fails on GraphQL errors
  node -e 'const r = JSON.parse(process.argv[1]); if (r.errors) { console.error(JSON.stringify(r.errors)); process.exit(1) } const v = eval(process.argv[2]); if (v === undefined || v === null) process.exit(1); console.log(v)' "$1" "$2"
}

email="smoke-$(date +%s)-$RANDOM@example.com"
password="Smoke-$(date +%s)-pw-$RANDOM"
title="smoke task $(date -u +%FT%TZ)"

out=$(gql "$(node -e 'console.log(JSON.stringify({query:"mutation($i:SignUpInput!){signUp(input:$i){token}}",variables:{i:{email:process.argv[1],password:process.argv[2],name:"Smoke Test"}}}))' "$email" "$password")")
token=$(json "$out" 'r.data.signUp.token')
echo "signed up $email"

out=$(gql "$(node -e 'console.log(JSON.stringify({query:"mutation($i:CreateTaskInput!){createTask(input:$i){id}}",variables:{i:{title:process.argv[1]}}}))' "$title")" "$token")
id=$(json "$out" 'r.data.createTask.id')
echo "created task $id"

out=$(gql "$(node -e 'console.log(JSON.stringify({query:"query($id:ID!){task(id:$id){title}}",variables:{id:process.argv[1]}}))' "$id")" "$token")
got=$(json "$out" 'r.data.task.title')
if [ "$got" != "$title" ]; then
  echo "read back '$got', expected '$title'" >&2
  exit 1
fi
echo "read it back through $url: OK"
